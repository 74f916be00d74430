// The host pages' own script (a file: the pages allow no inline script). What a seller's
// analytics would do with the widget's event: the test reads #log.
document.addEventListener('popin-booking:registered', (event) => {
  document.getElementById('log').textContent = `Booked: ${event.detail.event.name}`;
});
