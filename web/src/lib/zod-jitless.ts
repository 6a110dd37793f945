// Zod compiles object parsers with `new Function` unless told not to; under the platform's
// Content-Security-Policy (no 'unsafe-eval': src/platform/http/security-headers.ts) even its
// probe for that is reported as a violation. Imported first by main.tsx, before any schema exists.
import { z } from 'zod';

z.config({ jitless: true });
