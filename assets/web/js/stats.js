// stats page (being built).
import { init } from './common.js';

init();
