// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: 'http://localhost:4321',
  server: { host: '127.0.0.1', port: 4321 },
  integrations: [
    starlight({
      title: 'Runnable Zoo',
      description: 'Neural-network architectures as runnable TensorFlow.js networks, with diagrams generated from the networks themselves.',
      customCss: ['./src/styles/theme.css'],
      sidebar: [
        { label: 'Guides', items: [{ autogenerate: { directory: 'guides' } }] },
        { label: 'Architectures', items: [{ autogenerate: { directory: 'architectures' } }] },
        { label: 'Comparisons', items: [{ autogenerate: { directory: 'compare' } }] },
      ],
    }),
  ],
});
