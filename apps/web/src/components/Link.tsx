import type { AnchorHTMLAttributes } from 'react';
import { onLinkClick } from '../router';

/** An in-app link: a real `<a href>` (works with new tabs), navigating without reload. */
export function Link({ onClick, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      {...props}
      onClick={(event) => {
        onClick?.(event);
        onLinkClick(event);
      }}
    />
  );
}
