/**
 * A top-bar drop-down that groups related commands (measure length / area; import, export,
 * print) so the bar keeps the daily tools in one row at 1600 px. Items keep their own test ids; the menu closes on a choice, on
 * Escape and on a click elsewhere.
 */
import { useEffect, useRef, useState } from 'react';

export interface ToolMenuItem {
  readonly id: string;
  readonly label: string;
  readonly title: string;
  readonly icon: string;
  /** A tool that is on (the measure tools): shown pressed. */
  readonly active?: boolean;
  onSelect(): void;
}

interface Props {
  readonly label: string;
  readonly title: string;
  readonly icon: string;
  readonly testId: string;
  /** Highlights the menu button while one of its panels is open. */
  readonly active?: boolean;
  readonly items: readonly ToolMenuItem[];
}

export function ToolMenu({ label, title, icon, testId, active = false, items }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="tool-menu" ref={root}>
      <button
        className={`tool${active || open ? ' active' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((was) => !was)}
        title={title}
        data-testid={testId}
      >
        <span className="tool-icon" aria-hidden="true">
          {icon}
        </span>
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="tool-menu-list" role="menu">
          {items.map((item) => (
            <button
              key={item.id}
              role="menuitem"
              className={`tool-menu-item${item.active ? ' active' : ''}`}
              aria-checked={item.active}
              title={item.title}
              data-testid={item.id}
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
            >
              <span className="tool-icon" aria-hidden="true">
                {item.icon}
              </span>
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
