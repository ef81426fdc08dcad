// Served as-is from examples/guide/public/js/app.js.
document.addEventListener("DOMContentLoaded", function () {
  document.body.setAttribute("data-app", "kemal-guide");
});
