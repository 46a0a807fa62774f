// Starts the vendored Swagger UI on this server's OpenAPI document (no network beyond this server).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
