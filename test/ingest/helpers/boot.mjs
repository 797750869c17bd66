// Worker bootstrap: lets a worker thread load TypeScript (src/ and the worker entry) through tsx.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
