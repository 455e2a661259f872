"""The PDF viewer pane (`pane.PdfPane`) and its parts: page view, search, toolbar, find bar, messages."""
