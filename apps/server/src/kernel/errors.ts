/** The one error type the API returns on purpose. Codes are SCREAMING_SNAKE with the module prefix. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** 400 with the field paths that are wrong; `message` is Chinese for the UI. */
export function badInput(code: string, message: string, fields: FieldProblem[] = [], extra: Record<string, unknown> = {}): AppError {
  return new AppError(code, 400, message, { fields, ...extra });
}

export const notFound = (code: string, message: string, details?: Record<string, unknown>) => new AppError(code, 404, message, details);
export const forbidden = (code: string, message: string, details?: Record<string, unknown>) => new AppError(code, 403, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new AppError(code, 409, message, details);

/** PostgreSQL unique_violation, for services that turn a race into a clear 409. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
