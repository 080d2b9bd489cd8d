// The one error family. Every layer throws these; each surface (HTTP, WebSocket, MCP, CLI) maps them
// to its own shape in one place. Messages are written for the person who has to act on them.

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly httpStatus: number = 500;
  readonly code: string = 'internal';
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  override readonly httpStatus = 400;
  override readonly code = 'invalid_input';
  constructor(
    readonly issues: FieldIssue[],
    message = issues.map((i) => `${i.field}: ${i.message}`).join('; '),
  ) {
    super(message);
  }
  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  override readonly httpStatus = 404;
  override readonly code = 'not_found';
}

export class UnauthorizedError extends AppError {
  override name = 'UnauthorizedError';
  override readonly httpStatus = 401;
  override readonly code = 'unauthorized';
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  override readonly httpStatus = 403;
  override readonly code = 'forbidden';
}

export class ConflictError extends AppError {
  override name = 'ConflictError';
  override readonly httpStatus = 409;
  override readonly code = 'conflict';
}

export class TooManyRequestsError extends AppError {
  override name = 'TooManyRequestsError';
  override readonly httpStatus = 429;
  override readonly code = 'rate_limited';
  constructor(
    message: string,
    /** Seconds until a retry can succeed (sent as Retry-After). */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

type ZodIssueLike = {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  errors?: ZodIssueLike[][];
};

/**
 * A union's failure as the one branch the value was meant for: the branches whose own type it has
 * (list_entities' `where`, one bound or a list: an object fails the list only for being no list). With
 * no such branch, or several, the union's own "Invalid input" stays.
 */
function unwrapUnion(issue: ZodIssueLike): ZodIssueLike[] {
  if (issue.code !== 'invalid_union' || !issue.errors) return [issue];
  const wrongType = (i: ZodIssueLike) => i.code === 'invalid_type' && i.path.length === 0;
  const meant = issue.errors.filter((branch) => !branch.some(wrongType));
  if (meant.length !== 1) return [issue];
  return meant[0].flatMap((i) => unwrapUnion({ ...i, path: [...issue.path, ...i.path] }));
}

/** zod issues → our field-named issues ("facts.3.spend: expected a decimal string"). */
export function fromZodIssues(issues: readonly ZodIssueLike[], prefix?: string): ValidationError {
  return new ValidationError(
    issues.flatMap(unwrapUnion).map((i) => ({
      field: [prefix, ...i.path.map(String)].filter((p) => p !== undefined && p !== '').join('.') || '(root)',
      message: i.message,
    })),
  );
}

/** Parse with a zod schema at an edge; a failure becomes a ValidationError naming the field. */
export function parseInput<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  prefix?: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw fromZodIssues(result.error.issues, prefix);
}
