import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { Icon, type IconName } from './icon';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'normal' | 'large';
  block?: boolean;
  icon?: IconName;
  busy?: boolean;
  children?: ReactNode;
}

/** A button with a ≥ 48 px target, a visible focus ring and an optional icon. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'normal', block = false, icon, busy = false, className, children, type = 'button', ...rest },
  ref,
) {
  const classes = ['cn-btn', `cn-btn--${variant}`, size === 'large' ? 'cn-btn--large' : '', block ? 'cn-btn--block' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button ref={ref} type={type} className={classes} aria-busy={busy || undefined} {...rest}>
      {busy ? <span className="cn-spinner" aria-hidden="true" /> : icon ? <Icon name={icon} className="cn-btn__icon" /> : null}
      {children}
    </button>
  );
});
