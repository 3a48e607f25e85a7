import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * The page's one catch-all (STYLE §7): a rendering bug shows a readable message and a reload button instead of a
 * blank page. The stack goes to the console; the agent Worker keeps computing, since it lives outside React.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('page crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <section role="alert">
        <h2>This page hit a bug (internal)</h2>
        <p>{this.state.error.message}</p>
        <button type="button" onClick={() => { location.reload(); }}>Reload the page</button>
      </section>
    );
  }
}
