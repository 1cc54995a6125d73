/** The last net: a render error shows an explanation and a way out, never a blank page. */
import { Component, type ReactNode } from 'react';
import { translate, useLocale } from '../i18n/i18n.ts';
import { Notice } from './Notice.tsx';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error('Patroonkaart: render error', error);
  }

  override render() {
    if (this.state.error) {
      const locale = useLocale.getState().locale;
      return <Notice title={translate(locale, 'app.name')} message={translate(locale, 'error.generic')} />;
    }
    return this.props.children;
  }
}
