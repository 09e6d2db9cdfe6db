// The browser entry: bundled by build.js into public/build/app.js.
import { render } from 'preact';
import { App } from './App';

const root = document.getElementById('app');
if (root) {
  // index.html carries a static heading for when scripts do not run; the app replaces it.
  root.textContent = '';
  render(<App />, root);
}
