/** The file with the byte at `offset` replaced (same length: the PDF's offsets stay valid). */
export function withByte(pdf: Buffer, offset: number, value: string): Buffer {
  const copy = Buffer.from(pdf);
  if (copy[offset] === value.charCodeAt(0)) throw new Error('octet identique : rien ne change');
  copy[offset] = value.charCodeAt(0);
  return copy;
}
