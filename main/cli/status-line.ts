/**
 * One line of a terminal rewritten in place (a fetch's progress while a command waits): carriage
 * return, the text, erase to the end of the line; `undefined` erases it. Only for a terminal: in
 * a pipe or a log these would pile up as lines nobody asked for.
 */
export function terminalStatusLine(output: NodeJS.WriteStream): (text: string | undefined) => void {
  return (text) => void output.write(text === undefined ? '\r\x1b[K' : `\r${text}\x1b[K`);
}
