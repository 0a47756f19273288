/** An RFC 9457 problem, as every error of the API is. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  /** Each refused field; `line` when it is in an uploaded file. */
  errors?: { field: string; message: string; line?: number }[];
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

/** The server's problem+json body of a refused request as an error; `statusText` when it sent none. */
export function problemError(status: number, statusText: string, body: unknown): ProblemError {
  const problem = (body ?? {}) as Partial<Problem>;
  return new ProblemError({
    title: problem.title ?? statusText,
    status,
    detail: problem.detail,
    errors: problem.errors,
    type: problem.type,
  });
}

/** The server's words for a refusal: its detail, else its title. */
export const problemMessage = (err: unknown): string =>
  err instanceof ProblemError ? (err.problem.detail ?? err.problem.title) : String(err);
