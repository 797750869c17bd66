/** Piscina worker entry: one task in, one result out (the ~60 KB PNG is structured-cloned; cheap). */
import sharp from 'sharp';
import { runTask, type Task, type TaskResult } from './task.js';

// one libvips thread per worker: the pool already runs one worker per core
sharp.concurrency(1);

export default function (task: Task): Promise<TaskResult> {
  return runTask(task);
}
