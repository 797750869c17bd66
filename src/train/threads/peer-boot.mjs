// Development bootstrap: run the TypeScript peer thread under tsx (tests, `tsx` scripts). The compiled
// dist/train/threads/peer.js is used directly in production.
import { tsImport } from 'tsx/esm/api';

await tsImport('./peer.ts', import.meta.url);
