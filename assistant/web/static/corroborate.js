() => {
  // Presentation only: show the document behind a clicked citation marker or quote, with the
  // clicked sentence highlighted and the answer's other sentences in that document fainter.
  const root = () => document.querySelector('#cb-evidence-root');

  function keyOf(link) {
    if (link.dataset.cite) return link.dataset.cite;
    const href = link.getAttribute('href') || '';
    return href.startsWith('#cb-') ? href.slice(4) : null;
  }

  function show(key) {
    const panel = root();
    if (!panel) return;
    const turn = key.split('-')[0];
    panel.querySelectorAll('.cb-turn').forEach(s => { s.hidden = s.dataset.turn !== turn; });
    panel.querySelectorAll('.cb-s').forEach(s => s.classList.remove('cb-active', 'cb-faint'));
    const target = [...panel.querySelectorAll('.cb-s')]
      .find(s => s.dataset.cites.split(' ').includes(key));
    panel.querySelectorAll('.cb-doc').forEach(d => { d.hidden = !target || d !== target.closest('.cb-doc'); });
    const missing = panel.querySelector('.cb-missing');
    if (missing) missing.remove();
    if (!target) {
      const note = document.createElement('p');
      note.className = 'cb-missing';
      note.textContent = 'The evidence of that answer is no longer loaded; ask it again to see it.';
      panel.prepend(note);
      return;
    }
    target.closest('.cb-doc').querySelectorAll('.cb-s').forEach(s => {
      if (s.dataset.cites.split(' ').some(k => k.split('-')[0] === turn)) s.classList.add('cb-faint');
    });
    target.classList.remove('cb-faint');
    target.classList.add('cb-active');
    target.scrollIntoView({block: 'center', behavior: 'smooth'});
  }

  document.addEventListener('click', (event) => {
    const link = event.target.closest('a.cb-cite, a.cb-quote, a[href^="#cb-"]');
    if (!link) return;
    const key = keyOf(link);
    if (!key) return;
    event.preventDefault();
    event.stopPropagation();
    show(key);
  }, true);
}
