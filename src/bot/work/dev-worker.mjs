// Worker entry when the bot runs from TypeScript source (tsx, vitest): register tsx's loader in this
// thread, then load the real worker. The compiled build uses worker.js directly.
import { register } from 'tsx/esm/api';

register();
const mod = await import(new URL('./worker.ts', import.meta.url).href);
export default mod.default;
