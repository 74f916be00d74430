/**
 * Resolves in a later task, so that the page can paint and handle input in between: the loader,
 * the element and the list cut their work into tasks with it. (`scheduler.yield()` was tried in
 * its place: the list painted no sooner, in runs on this machine, and the page's other tasks then
 * wait behind the widget's.)
 */
export const nextTask = () => new Promise((resolve) => setTimeout(resolve));
