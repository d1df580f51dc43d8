// The 404 page: translated like every other.
import { init } from './common.js';

init();
