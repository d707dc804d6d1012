// Starts the example deck (an external file: the page's CSP has no inline
// script). The figures need nothing here: <gradscape-figure> listens to
// Reveal's events itself, playing on its slide and pausing off it.
window.Reveal.initialize({ hash: true, width: 960, height: 700, transition: 'none' });
