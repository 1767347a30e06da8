/**
 * `npm run mock-gateway [-- flags]`: the same command as the package's `aliexpress-mock-gateway`
 * bin, run from the repository's sources (`npm run mock-gateway -- --help`).
 */
import '../bin/aliexpress-mock-gateway.js';
