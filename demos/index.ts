/** The gallery index: one card per entry of gallery.ts. */
import { showNotice } from 'adamscope/browser';
import { GALLERY, type GalleryEntry } from './gallery.ts';
import { setPageState } from './shared/page.ts';

function card(entry: GalleryEntry): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'card';
  const title = document.createElement('h2');
  const link = document.createElement('a');
  link.href = `./${entry.page}`;
  link.textContent = entry.title;
  title.append(link);
  const text = document.createElement('p');
  text.textContent = entry.description;
  const tags = document.createElement('div');
  tags.className = 'tags';
  for (const tag of entry.tags) {
    const span = document.createElement('span');
    span.textContent = tag;
    tags.append(span);
  }
  if (entry.embeddable) {
    const embed = document.createElement('a');
    embed.href = `./${entry.page}?embed`;
    embed.textContent = 'embed view';
    tags.append(embed);
  }
  item.append(title, text, tags);
  return item;
}

const list = document.getElementById('gallery');
list?.replaceChildren(...GALLERY.map(card));
const notices = document.getElementById('notices');
if (notices && !('gpu' in navigator)) {
  showNotice(
    notices,
    'This browser has no WebGPU (navigator.gpu is missing): the demos fall back to the float64 CPU backend (same draws, computed in TypeScript).',
  );
}
setPageState('ready');
