import type { HTMLAttributes } from 'react';

/** A shell word that assigns (`NAME=value`): it may also wrap between the name and the value. */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*=)(.+)$/;

/** One shell word, kept whole: the browser would otherwise break it after a hyphen or anywhere. */
function Word({ word }: { word: string }) {
  const assignment = ASSIGNMENT.exec(word);
  if (!assignment) return <span className="env-word">{word}</span>;
  return (
    <>
      <span className="env-word">{assignment[1]}</span>
      <wbr />
      <span className="env-word">{assignment[2]}</span>
    </>
  );
}

/**
 * Shell lines to read and paste. Each wraps only between shell words (and after `NAME=`), with
 * its continuation indented; a word wider than the box scrolls sideways instead of being cut in
 * two, so what a person selects is what they paste.
 */
export function EnvLines({ lines, ...attributes }: { lines: readonly string[] } & HTMLAttributes<HTMLPreElement> & { 'data-testid'?: string }) {
  return (
    <pre className="env-lines" tabIndex={0} {...attributes}>
      {lines.map((line, i) => (
        <span key={i} className="env-line">
          {line.split(/( +)/).map((part, j) => (part.trim() === '' ? part : <Word key={j} word={part} />))}
        </span>
      ))}
    </pre>
  );
}
