import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RoleTrayApi, Shell } from '../../../preload/api';
import { copyText } from './clipboard';
import { EnvLines } from './EnvLines';
import { OpStatus } from './OpStatus';
import { SHELLS } from './shells';
import { useOperation } from './use-operation';

/** For tools that only take `credential_process`: the ~/.aws/config lines (named slots only, whose name is the profile). */
const AWS_CONFIG = 'aws-config';
const AWS_CONFIG_LABEL = '~/.aws/config (credential_process)';

/** "Copy env ▾": the shell lines pointing clients at one slot, copied and shown. */
export function CopyEnvMenu({ api, slot, label }: { api: RoleTrayApi; slot: string; label: string }) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<{ shell: string; lines: string[] }>();
  const op = useOperation();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    (menuRef.current?.querySelector('[role=menuitem]') as HTMLElement | null)?.focus();
    const onDown = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node) && e.target !== buttonRef.current) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const choose = async (shell: Shell | typeof AWS_CONFIG, shellLabel: string) => {
    setOpen(false);
    buttonRef.current?.focus();
    const fetched = await op.run(() =>
      shell === AWS_CONFIG ? api.credentialProcessLines(slot) : api.envLines(slot ? { shell, slot, revealToken: true } : { shell, revealToken: true }),
    );
    if (!fetched.ok) return;
    const lines = fetched.value;
    setShown({ shell: shellLabel, lines });
    await op.run(() => copyText(lines.join('\n') + '\n'), `Copied ${lines.length} ${shellLabel} lines for ${label}`);
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    }
  };

  const menuId = `env-menu-${slot || 'default'}`;
  return (
    <div className="copy-env">
      <div className="menu-anchor">
        <button
          ref={buttonRef}
          type="button"
          className="btn"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          onClick={() => setOpen((o) => !o)}
        >
          Copy env <span aria-hidden="true">▾</span>
        </button>
        {open && (
          <div ref={menuRef} id={menuId} role="menu" className="menu" aria-label={`Shell for ${label}`} onKeyDown={onMenuKey}>
            {SHELLS.map((s) => (
              <button key={s.shell} type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={() => void choose(s.shell, s.label)}>
                {s.label}
              </button>
            ))}
            {slot && (
              <button type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={() => void choose(AWS_CONFIG, AWS_CONFIG_LABEL)}>
                {AWS_CONFIG_LABEL}
              </button>
            )}
          </div>
        )}
      </div>
      <OpStatus op={op} />
      {shown && (
        <EnvLines aria-label={`${shown.shell} lines for ${label}`} lines={shown.lines} />
      )}
    </div>
  );
}
