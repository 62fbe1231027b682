"""Parts of the pre-check dock."""
