// Development bootstrap: run the TypeScript worker under tsx (tests, `tsx` scripts). The compiled
// dist/train/threads/worker.js is used directly in production.
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./worker.ts', import.meta.url);
export default mod.default;
