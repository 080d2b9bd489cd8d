// The one string schema for text a caller types (names, questions, query values): PostgreSQL cannot
// store a NUL character, so it is refused here, at the edge, with the field named, instead of
// failing the insert. Other control characters are refused too: none has a use in these fields.
import { z } from 'zod';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const text = () => z.string().refine((s) => !CONTROL.test(s), 'must not contain control characters');
