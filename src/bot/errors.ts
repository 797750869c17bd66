/** Errors that carry a message meant for the user (everything else becomes a generic apology). */
export class UserError extends Error {
  constructor(
    message: string,
    /** a short machine code for logs and tests */
    readonly code: string = 'user_error',
  ) {
    super(message);
    this.name = 'UserError';
  }
}
