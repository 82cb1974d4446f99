import type { HTMLAttributes, ReactNode } from 'react';

export interface CardProps extends HTMLAttributes<HTMLElement> {
  as?: 'article' | 'section' | 'div' | 'li';
  children: ReactNode;
}

export function Card({ as: Tag = 'article', className, children, ...rest }: CardProps) {
  return (
    <Tag className={['cn-card', className ?? ''].filter(Boolean).join(' ')} {...rest}>
      {children}
    </Tag>
  );
}
