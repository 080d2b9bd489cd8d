// Meta's error envelope, built in one place so every failure the simulator produces has the shape
// and the codes of the real Graph API: { error: { message, type, code, error_subcode, is_transient,
// error_user_title, error_user_msg, fbtrace_id } }.

import { randomBytes } from 'node:crypto';

export interface GraphErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id: string;
}

/** Thrown inside handlers; the server turns it into the HTTP answer. */
export class GraphError extends Error {
  readonly status: number;
  readonly body: GraphErrorBody;
  constructor(status: number, body: Omit<GraphErrorBody, 'fbtrace_id' | 'type'> & { type?: string }) {
    super(body.message);
    this.status = status;
    this.body = { type: 'OAuthException', ...body, fbtrace_id: randomBytes(8).toString('base64url') };
  }
}

export function missingToken(): GraphError {
  return new GraphError(400, {
    message: 'An access token is required to request this resource.',
    code: 104,
    is_transient: false,
  });
}

export function invalidToken(): GraphError {
  return new GraphError(400, {
    message: 'Invalid OAuth access token - Cannot parse access token',
    code: 190,
    is_transient: false,
  });
}

export function tokenExpired(): GraphError {
  return new GraphError(400, {
    message:
      'Error validating access token: Session has expired. The current time is later than the expiry time.',
    code: 190,
    error_subcode: 463,
    is_transient: false,
    error_user_title: 'Session expired',
    error_user_msg: 'Your session has expired. Please log in again.',
  });
}

export function transientError(): GraphError {
  return new GraphError(500, {
    message: 'An unexpected error has occurred. Please retry your request later.',
    code: 2,
    is_transient: true,
  });
}

export function tooMuchData(): GraphError {
  return new GraphError(500, {
    message: "Please reduce the amount of data you're asking for, then retry your request",
    code: 1,
    error_subcode: 99,
    is_transient: false,
  });
}

export function invalidParameter(message: string, subcode?: number): GraphError {
  return new GraphError(400, {
    message: `(#100) ${message}`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: subcode,
    is_transient: false,
  });
}

export function objectNotFound(id: string): GraphError {
  return invalidParameter(
    `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    33,
  );
}

export function unknownPath(path: string): GraphError {
  return new GraphError(400, {
    message: `Unknown path components: ${path}`,
    code: 2500,
    is_transient: false,
  });
}

export type ThrottleKind = 'ad_account' | 'app' | 'buc';

/**
 * The rate-limit error for a spent budget. For the ad account we answer 17/2446079 on management
 * calls and 613/1487742 on insights calls, so a client meets both codes Meta uses for it.
 */
export function rateLimited(kind: ThrottleKind, insights: boolean): GraphError {
  if (kind === 'app') {
    return new GraphError(400, {
      message: '(#4) Application request limit reached',
      code: 4,
      is_transient: true,
    });
  }
  if (kind === 'buc') {
    return new GraphError(400, {
      message:
        'There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.',
      code: 80004,
      error_subcode: 2446079,
      is_transient: true,
      error_user_title: 'Too Many API Calls',
    });
  }
  if (insights) {
    return new GraphError(400, {
      message: '(#613) Calls to this api have exceeded the rate limit.',
      code: 613,
      error_subcode: 1487742,
      is_transient: true,
      error_user_title: 'Too many calls',
      error_user_msg: 'There have been too many calls from this ad-account. Please wait a bit and try again.',
    });
  }
  return new GraphError(400, {
    message: '(#17) User request limit reached',
    code: 17,
    error_subcode: 2446079,
    is_transient: true,
    error_user_title: 'Ad Account Has Too Many API Calls',
    error_user_msg: 'There are too many API calls for this ad account. Wait a bit and try again.',
  });
}
