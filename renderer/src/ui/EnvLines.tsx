import type { HTMLAttributes } from 'react';

/** Where a shell line may wrap besides its spaces: after `export NAME=`, between the variable and its value. */
const ASSIGNMENT = /^(export [A-Za-z_][A-Za-z0-9_]*=)(.+)$/;

/**
 * Shell lines to read and paste. Each wraps only between shell words (and after `NAME=`), with
 * its continuation indented; a single word wider than the box scrolls sideways instead of being
 * cut in two, so what a person selects is what they paste.
 */
export function EnvLines({ lines, ...attributes }: { lines: readonly string[] } & HTMLAttributes<HTMLPreElement> & { 'data-testid'?: string }) {
  return (
    <pre className="env-lines" tabIndex={0} {...attributes}>
      {lines.map((line, i) => {
        const assignment = ASSIGNMENT.exec(line);
        return (
          <span key={i} className="env-line">
            {assignment ? (
              <>
                {assignment[1]}
                <wbr />
                {assignment[2]}
              </>
            ) : (
              line
            )}
          </span>
        );
      })}
    </pre>
  );
}
