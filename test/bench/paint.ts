/** Resolves after the browser has painted the current frame: a frame callback, then a task after it. */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
