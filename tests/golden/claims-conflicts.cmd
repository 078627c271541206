claims --conflicts
