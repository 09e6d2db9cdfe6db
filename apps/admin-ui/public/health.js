// Shows whether Temporal answers and a worker polls, from the API's own health route.
(async () => {
  const target = document.getElementById('health');
  try {
    const response = await fetch('/api/health');
    const health = await response.json();
    target.textContent = response.ok
      ? `Healthy: Temporal ${health.temporal}, worker ${health.worker}.`
      : `Not ready: ${health.detail ?? `Temporal ${health.temporal}, worker ${health.worker}`}.`;
  } catch (error) {
    target.textContent = `The API does not answer (${error.message}).`;
  }
})();
