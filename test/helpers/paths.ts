import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CONFIG_DIR = `${ROOT}config`;
export const RULES_DIR = `${ROOT}rules`;
export const EXAMPLES_DIR = `${ROOT}examples/notices`;
