/** A file that cannot be read at all. `message` is Chinese, for the analyst; `detail` is the technical cause. */
export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly detail?: string
  ) {
    super(message);
    this.name = "UnreadableFileError";
  }
}
