//! placeholder until the rules helper writes it
