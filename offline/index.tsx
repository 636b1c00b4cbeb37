/** Entry of the offline page (dist-offline/index.html). */
import { createRoot } from 'react-dom/client';
import { OfflineApp } from './OfflineApp';

const container = document.getElementById('root');
if (container) createRoot(container).render(<OfflineApp />);
