/** Piscina worker entry: one task in, one result out (the ~60 KB PNG is structured-cloned; cheap). */
import { runTask, type Task, type TaskResult } from './task.js';

export default function (task: Task): Promise<TaskResult> {
  return runTask(task);
}
