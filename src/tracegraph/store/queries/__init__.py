"""The SQL each part of tracegraph needs beyond statements, one module per part; nothing outside ``store/`` runs SQL."""
