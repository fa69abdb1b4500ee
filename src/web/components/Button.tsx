import { type ComponentProps, forwardRef } from 'react';
import { Link, type LinkProps } from 'react-router';
import { cx } from '../lib/cx';

/**
 * DADS buttons: solid (primary action), outline (secondary), text (tertiary)
 * and danger for irreversible actions. Every size keeps a 24×24 px target at
 * least (WCAG 2.5.8); small sizes extend the hit area vertically.
 */

export type ButtonVariant = 'primary' | 'secondary' | 'tertiary' | 'danger';
export type ButtonSize = 'lg' | 'md' | 'sm' | 'xs';

const base =
  'inline-flex items-center justify-center gap-2 text-center whitespace-nowrap no-underline underline-offset-[3px] cursor-pointer aria-disabled:cursor-not-allowed';

const variants: Record<ButtonVariant, string> = {
  primary:
    'border-4 border-double border-transparent bg-blue-900 text-white hover:bg-blue-1000 hover:text-white hover:underline active:bg-blue-1200 aria-disabled:bg-solid-gray-300 aria-disabled:text-solid-gray-50 aria-disabled:no-underline',
  secondary:
    'border border-current bg-white text-blue-900 hover:bg-blue-200 hover:text-blue-1000 hover:underline active:bg-blue-300 active:text-blue-1200 aria-disabled:text-solid-gray-420 aria-disabled:bg-white aria-disabled:no-underline',
  tertiary:
    'text-blue-900 underline hover:bg-blue-50 hover:text-blue-1000 hover:decoration-[3px] active:bg-blue-100 active:text-blue-1200 focus-visible:bg-yellow-300 aria-disabled:text-solid-gray-420',
  danger:
    'border-4 border-double border-transparent bg-red-900 text-white hover:bg-red-1000 hover:text-white hover:underline active:bg-red-1100 aria-disabled:bg-solid-gray-300 aria-disabled:text-solid-gray-50',
};

const sizes: Record<ButtonSize, string> = {
  lg: 'min-w-34 min-h-14 rounded-8 px-4 py-3 text-oln-16B-100',
  md: 'min-w-24 min-h-12 rounded-8 px-4 py-2 text-oln-16B-100',
  sm: 'min-w-20 min-h-9 rounded-6 px-3 py-0.5 text-oln-16B-100',
  xs: 'min-w-18 min-h-7 rounded-4 px-2 py-0.5 text-oln-14B-100',
};

export function buttonClass(variant: ButtonVariant = 'primary', size: ButtonSize = 'md', extra?: string) {
  return cx(base, variants[variant], sizes[size], extra);
}

export type ButtonProps = ComponentProps<'button'> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** While a request runs: announced as busy, ignores clicks, keeps focus (a disabled button would drop it). */
  isBusy?: boolean;
};

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  {
    variant = 'primary',
    size = 'md',
    isBusy = false,
    className,
    type = 'button',
    onClick,
    children,
    ...rest
  },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={buttonClass(variant, size, className)}
      aria-disabled={isBusy || rest['aria-disabled'] || undefined}
      aria-busy={isBusy || undefined}
      onClick={(event) => {
        if (isBusy || rest['aria-disabled']) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
      {...rest}
    >
      {isBusy && (
        <span
          aria-hidden="true"
          className="inline-block size-4 animate-spin rounded-full border-2 border-current border-r-transparent"
        />
      )}
      {children}
    </button>
  );
});

/** A link that looks like a button: for navigation, never for actions. */
export function ButtonLink({
  variant = 'secondary',
  size = 'md',
  className,
  ...rest
}: LinkProps & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <Link className={buttonClass(variant, size, className)} {...rest} />;
}
