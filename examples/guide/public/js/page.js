// Included only by the page that asks for it with content_for "scripts" (guide section Views).
console.log("page.js loaded");
