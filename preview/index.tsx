/** Entry of the browser preview page (dist-preview/index.html). */
import { createRoot } from 'react-dom/client';
import { PreviewApp } from './PreviewApp';

const container = document.getElementById('root');
if (container) createRoot(container).render(<PreviewApp />);
