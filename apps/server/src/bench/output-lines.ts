/**
 * The complete lines of a child process's output read chunk by chunk: a line cut between two
 * chunks is kept until its end comes.
 */
export class OutputLines {
  private pending = '';

  /** The lines this chunk completes. */
  read(chunk: string): string[] {
    const lines = (this.pending + chunk).split('\n');
    this.pending = lines.pop() ?? '';
    return lines;
  }
}
