// Starts Swagger UI on the app's own OpenAPI schema. Kept in a file (not inline)
// so the page works under a Content-Security-Policy without 'unsafe-inline'.
const root = document.getElementById("swagger-ui");
window.SwaggerUIBundle({
  url: root.dataset.specUrl,
  domNode: root,
  deepLinking: true,
  tryItOutEnabled: true,
});
