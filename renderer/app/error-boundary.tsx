import { Component, type ReactNode } from 'react';
import type { i18n } from 'i18next';

interface Props {
  i18n: i18n;
  children: ReactNode;
}

/**
 * If a screen crashes, the teacher sees a friendly message and a way back, never a stack trace.
 * (Class component: React has no hook for error boundaries.)
 */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('UI error', error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const t = this.props.i18n.t.bind(this.props.i18n);
    return (
      <main className="app-main" role="alert">
        <h1>{t('common:crash.title')}</h1>
        <p>{t('common:crash.body')}</p>
        <button
          type="button"
          className="cn-btn cn-btn--primary"
          onClick={() => {
            window.location.hash = '#/';
            this.setState({ failed: false });
          }}
        >
          {t('common:crash.back')}
        </button>
      </main>
    );
  }
}
