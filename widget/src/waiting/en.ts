/** English of an EnableX demo's waiting room (waiting/ chunk): added to the widget's English when the chunk loads. */
export default {
  waitingRoom: 'Waiting room',
  /** Before the PIN (kept left to right in every language). */
  ppin: 'Participant PIN',
  /** `{time}`: the time left in the widget's language ("2 days, 3 hr, 15 min", "3:15:42"). */
  startsIn: 'Starts in {time}',
  /** Once the start has passed, until EnableX says the meeting is current. */
  startsSoon: 'Starts any moment now',
  lobbyFailed: 'The waiting room could not be loaded.',
  /** The lobby messages' slideshow button (visible), and its name for screen readers (contains the visible word). */
  play: 'Play',
  pause: 'Pause',
  playMessages: 'Play messages',
  pauseMessages: 'Pause messages',
  music: 'Waiting room music',
  video: 'Waiting room video',
};
