"""The documents of a pass, rendered from the Jinja templates in this folder (HTML → PDF with
WeasyPrint, the letter's .docx with docxtpl) and the workbooks (openpyxl)."""
from report_templates.context import Coverage
from report_templates.render import rejection_note, render_documents, render_laporan

__all__ = ["Coverage", "rejection_note", "render_documents", "render_laporan"]
